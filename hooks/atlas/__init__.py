"""GPT Lineage Atlas: validated YAML data → bilingual pages, diagrams and tables.

The flow reads top to bottom: load → validate → dataset/graph → capabilities →
diagrams/pages → site (what the MkDocs hooks call). No module reaches back up.
"""
