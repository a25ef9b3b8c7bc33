// main.bicep exports nothing: each imported name is BCP360, and using it BCP063 (value) or BCP059 (call).
using 'main.bicep'

import { settings, helper } from 'main.bicep'

param environment = settings
param prefix = '${helper()}-${settings.name}'
param databasePassword = az.getSecret('s', 'rg', 'kv', 'pw')
