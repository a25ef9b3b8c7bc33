// load*() functions: whole-variable text and base64 loads are inlined; other uses (and every JSON
// or directory load) become `$fxv#N` variables numbered in source order.
var greeting = loadTextContent('load_functions_assets/greeting.txt')
var message = 'Message: ${loadTextContent('load_functions_assets/greeting.txt')}'
var blob = loadFileAsBase64('load_functions_assets/sub/blob.bin')
var settings = loadJsonContent('load_functions_assets/settings.json')
var appName = loadJsonContent('load_functions_assets/settings.json', '.name')
var firstSize = loadJsonContent('load_functions_assets/settings.json', '.sizes[1]')
var files = loadDirectoryFileInfo('load_functions_assets', '*.txt')

output lengths array = [
  length(loadTextContent('load_functions_assets/greeting.txt'))
  length(blob)
]

var yaml = loadYamlContent('load_functions_assets/config.yaml')
var bigItems = loadJsonContent('load_functions_assets/items.json', '$.items[?(@.size > 3)].name')
