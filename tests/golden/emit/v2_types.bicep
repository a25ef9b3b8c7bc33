// languageVersion 2.0: user-defined types and type expressions become `definitions` and type objects.
@export()
@description('''A storage account name.
  Lower-case letters and digits only.''')
@minLength(3)
@maxLength(24)
type accountName = string

@sealed()
type settings = {
  @description('The account.')
  name: accountName
  tier: 'Hot' | 'Cool' | 'Archive'?
  replicas: int[]?
  pair: [string, int]
  tags: {
    *: string
  }
}

@discriminator('kind')
type shape = circle | square

type circle = {
  kind: 'circle'
  radius: int
}

type square = {
  kind: 'square'
  side: int
}

type colours = ('red' | 'green')[]

param config settings
param shapes shape[] = []

@secure()
param secret string?

output tierName string = config.?tier ?? 'Hot'
output first settings.pair = config.pair

@export()
@description('Exported variables are listed in metadata.__bicep_exported_variables!.')
var defaults settings = {
  name: 'abc'
  pair: ['x', 1]
  tags: {}
}

type literals = ('a' | -1 | !true | null | { shape: 'round' } | ['x', 'y'])[]
