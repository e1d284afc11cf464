"""Import OpenAlex records (works, authors, institutions, topics) into the graph, and generate synthetic corpora.

read.py streams raw records from files, mapping.py turns one record into row dicts (or rejects it), write.py
writes batches of rows in one transaction each, run.py wires them with progress and a summary, generate.py
writes a synthetic corpus, commands.py is the CLI.
"""
