"""Local stand-ins for outside services (OParl servers, Telegram Bot API) for tests and the demo."""
