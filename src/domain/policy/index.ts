// Importing the policy module loads the rules; nothing can call `authorize` with an empty book.
import './rules.js'
import './rules/casework.js'
export * from './policy.js'
export * from './participation.js'
