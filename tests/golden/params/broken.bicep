// A template with an error: parameters files using it report BCP104.
param name string = undefinedSymbol
