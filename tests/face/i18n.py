"""Valid calls of helpers.i18n (the odd values leave the language at English: only valid codes change it)."""
EXAMPLES = {
    "set_language": lambda t: {"lang": "en"},
    "gettext": lambda t: {"message": "Policy phase"},
    "ngettext": lambda t: {"singular": "day", "plural": "days", "n": 2},
}
EXAMPLES["text"] = lambda t: {"value": "Policy phase"}
EXAMPLES["N_"] = lambda t: {"message": "Policy phase"}
ECHO = {"N_", "text"}  # they show the text they are given
