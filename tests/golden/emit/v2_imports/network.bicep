import { region } from 'shared.bicep'

type protocol = 'http' | 'https'

@export()
@description('A network endpoint.')
type endpoint = {
  host: string
  protocol: protocol
  region: region?
}

var basePort = 8000

@export()
var defaultPort = basePort + 443
