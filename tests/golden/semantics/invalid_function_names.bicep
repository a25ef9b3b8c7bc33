// Banned functions, functions used as values, unknown names with the official spelling suggestion.
var v1 = variables('x')
var v2 = parameters('p')
var v3 = if(true, 1, 2)
var v4 = createArray(1)
var v5 = createObject('a', 1)
var v6 = add(1, 2)
var v7 = sys.coalesce(null, 1)
var v8 = concat
var v9 = orange(1)
var v10 = sys.concatt('a')
var v11 = az.resourceGroupp()
var v12 = nothingLikeThis()
var v13 = strng
var v14 = sys.nothingLikeThis()
output o array = [v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14]
