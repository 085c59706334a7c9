"""客服指引手册 generator: YAML data → validated handbook → Markdown pages."""
