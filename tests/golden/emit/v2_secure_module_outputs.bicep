// A module with @secure() outputs makes the template languageVersion 2.0; its secure outputs are read with
// listOutputsWithSecureValues(), the others with reference().
module database 'v2_modules/secure.bicep' = {
  name: 'database'
}

output host string = database.outputs.host
@secure()
output connection string = database.outputs.connectionString
