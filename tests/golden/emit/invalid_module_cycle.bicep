// A module that references its own file (BCP094).
module self 'invalid_module_cycle.bicep' = {
  name: 'self'
}
