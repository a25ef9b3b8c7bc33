// User-defined functions: emitted under the __bicep namespace, parameters read with parameters().
@export()
@description('Builds a URL.')
func buildUrl(https bool, host string, path string?) string => '${https ? 'https' : 'http'}://${host}/${path ?? ''}'

func names(prefix string, count int) string[] => map(range(0, count), i => '${prefix}${i}')

output url string = buildUrl(true, 'example.com', 'index.html')
output generated string[] = names('vm', 2)
