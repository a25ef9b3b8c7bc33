// Only using, extends, param, var, type, import and extensionConfig declare things in a parameters file.
using none

parameter x = 1
param ok = 1
