// Compile-time imports: the import closure is copied into the template; names imported by name keep
// their local name, everything else becomes `_<n>.<name>`.
import { endpoint as endpointType, defaultPort } from 'v2_imports/network.bicep'
import * as shared from 'v2_imports/shared.bicep'

param primary endpointType
param fallback shared.region = 'westeurope'

var port = defaultPort
var label = shared.greeting

output endpoints endpointType[] = [primary]
