// Aliased to "server-only" in the widget build: importing server code into the widget is a bug.
throw new Error("server-only module imported into the Spectral widget bundle");
