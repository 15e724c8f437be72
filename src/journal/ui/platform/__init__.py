"""Platform services behind small interfaces, each with a do-nothing fallback."""
