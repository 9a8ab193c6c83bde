"""Valid calls of helpers.course: the course map, navigation links and the JupyterHub link."""
HUB = "https://hub.example.edu"
REPO_URL = "https://github.com/example-org/liquidity-lab"

EXAMPLES = {
    "navigation": lambda t: {"number": "01"},
    "hub_link": lambda t: {"hub": HUB, "repo": REPO_URL},
    "main": lambda t: {"argv": ["hub-link", "--hub", HUB, "--repo", REPO_URL]},
}
