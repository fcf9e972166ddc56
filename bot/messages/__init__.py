"""What users read: pure rendering, German texts, keyboards. No I/O."""
