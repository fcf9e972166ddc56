"""`ratsbot demo`: the real bot against the local stand-ins, chatted with in a terminal."""
