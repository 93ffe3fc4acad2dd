"""Page data from the model: typed blocks for the templates (`render`), comparisons and the pair view
(`compare`), salary charts (`chart`), and every generated page of the site (`site`)."""
