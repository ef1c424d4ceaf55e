"""Public reports (举报): receipt codes, the anonymous-intake challenge, uploads, deadlines."""
