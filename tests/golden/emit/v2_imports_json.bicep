// Imports from an ARM JSON template: exported variables (copy variables come back as loops) and types.
import { sku, tiers, 'not-an-identifier' as oddName } from 'v2_imports/exports.json'

param level sku = 'basic'

output allTiers array = tiers
output odd string = oddName
