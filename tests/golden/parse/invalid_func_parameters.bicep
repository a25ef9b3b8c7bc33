// a function's parameters are names with types
func quoted('foo') string => ''
func fine(a string) string => a
output o string = fine('x')
