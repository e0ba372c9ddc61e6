// Importing the policy module loads the rules; nothing can call `authorize` with an empty book.
import './rules.js'
export * from './policy.js'
