import {writeGenericCsv} from './import-gen.js';
console.log(writeGenericCsv(process.argv[2] as string, Number(process.argv[3])));
