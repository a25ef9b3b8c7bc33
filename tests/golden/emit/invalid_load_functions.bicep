param name string

var notConstant = loadTextContent(name)
var absolute = loadTextContent('/etc/hostname')
var backslash = loadTextContent('load_functions_assets\\greeting.txt')
var empty = loadFileAsBase64('')
var badPath = loadJsonContent('load_functions_assets/settings.json', '.nothing')
var interpolated = loadTextContent('load_functions_assets/${name}.txt')
