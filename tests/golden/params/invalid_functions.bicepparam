// A parameters file has the sys functions except utcNow()/newGuid() (BCP065) and, of az, only getSecret().
using none

param stamp = utcNow()
param location = resourceGroup().location
param providers = az.providers('Microsoft.Web')
param ok = toLower('OK')
