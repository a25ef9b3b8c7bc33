@export()
type region = 'westeurope' | 'northeurope'

@export()
var greeting = 'hello'
