"""Score extraction against annotated text: precision, recall and F1 per relation."""
