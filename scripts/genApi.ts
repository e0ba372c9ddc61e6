// `npm run gen:api`: writes web/src/api/generated.ts from the server's OpenAPI document (see apiTypes.ts).
import fs from 'node:fs'
import path from 'node:path'
import { generateApiTypes, generatedFile } from './apiTypes.js'

const text = await generateApiTypes()
const before = fs.existsSync(generatedFile) ? fs.readFileSync(generatedFile, 'utf8') : ''
fs.writeFileSync(generatedFile, text)
console.log(`${path.relative(process.cwd(), generatedFile)}: ${before === text ? 'unchanged' : 'written'}`)
