// Look works up by arXiv id (typed into search, or work(arxivId:)).
CREATE INDEX work_arxiv_index IF NOT EXISTS FOR (n:Work) ON (n.arxivId)
