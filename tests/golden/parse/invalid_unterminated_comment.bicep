output y string = 'ok'
/* never closed
