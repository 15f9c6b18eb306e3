SELECT role
FORM roles