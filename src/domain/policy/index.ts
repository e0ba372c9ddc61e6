// Importing the policy module loads the rules; nothing can call `authorize` with an empty book.
import './rules/foundations.js'
import './rules/casework.js'
import './rules/release.js'
import './rules/embargo.js'
import './rules/reports.js'
import './rules/handover.js'
export * from './policy.js'
export * from './participation.js'
