"""What a build writes besides the pages: PDFs (`pdf`, typst), the JSON and CSV exports (`export`), and
each language's search index, 404 page and sitemaps (`postbuild`)."""
