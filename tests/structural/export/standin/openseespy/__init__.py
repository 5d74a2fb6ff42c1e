# Stand-in for the openseespy package (tests only): see opensees.py.
