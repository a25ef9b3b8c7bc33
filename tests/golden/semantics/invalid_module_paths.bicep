// Module paths are checked whatever other errors the file has.
var interp = 'x'
module noPath = {
}
module
module noPath2
module interpolated './${interp}.bicep' = {
}
module empty '' = {
}
module absolute '/abc/def.bicep' = {
}
module drive 'C:/abc/def.bicep' = {
}
module backslash 'child\\file.bicep' = {
}
module forbidden 'child/fi|le.bicep' = {
}
module terminator 'child/test.' = {
}
module control 'child/a\tb.bicep' = {
}
module self './invalid_module_paths.bicep' = {
}
var broken = 
