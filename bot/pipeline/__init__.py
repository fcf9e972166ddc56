"""The push pipeline: sync → notify → match → deliver, and meeting alerts."""
