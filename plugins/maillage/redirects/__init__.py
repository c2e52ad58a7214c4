"""Old card addresses that still answer: a redirect page per id a card ``replaces``."""
