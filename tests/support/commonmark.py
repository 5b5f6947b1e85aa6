#!/usr/bin/python3
"""Renders Markdown with markdown-it-py's CommonMark preset, raw HTML allowed
(as the CommonMark spec renders it), for tests that check that escaped text
stays text. Reads documents separated by NUL bytes on stdin and writes their
HTML, in the same order, separated by NUL bytes."""
import sys

from markdown_it import MarkdownIt

renderer = MarkdownIt("commonmark")
documents = sys.stdin.buffer.read().decode("utf-8").split("\0")
html = "\0".join(renderer.render(document) for document in documents)
sys.stdout.buffer.write(html.encode("utf-8"))
