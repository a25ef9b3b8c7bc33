param environment = 'dev'
