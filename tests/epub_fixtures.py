"""EPUB 3 books built with the standard library, the way e-book tools lay them out."""

from __future__ import annotations

import zipfile
from pathlib import Path

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf"
     media-type="application/oebps-package+xml"/></rootfiles>
</container>"""

OPF = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">https://press.example.org/books/alliance</dc:identifier>
    <dc:title>The Alliance at Work</dc:title>
    <dc:creator>Mariko Tanaka</dc:creator>
    <dc:creator>John Smith</dc:creator>
    <dc:date>2024-11-05T00:00:00Z</dc:date>
    <dc:publisher>Example Press</dc:publisher>
    <dc:subject>Security</dc:subject>
    <dc:language>en</dc:language>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>
    <item id="c1" href="text/chapter%201.xhtml" media-type="application/xhtml+xml"/>
    <item id="c2" href="text/chapter2.xhtml" media-type="application/xhtml+xml"/>
    <item id="css" href="style.css" media-type="text/css"/>
  </manifest>
  <spine>
    <itemref idref="cover" linear="no"/>
    <itemref idref="c1"/>
    <itemref idref="c2"/>
  </spine>
</package>"""

NAV = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<body><nav epub:type="toc"><ol>
  <li><a href="text/chapter%201.xhtml">1. Command</a></li>
  <li><a href="text/chapter2.xhtml#start">2. Production lines</a></li>
</ol></nav></body></html>"""

CHAPTER1 = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>ch1</title></head><body>
<section><h1>Chapter One: Command</h1>
<p>The United States and Japan agreed in 2024 to upgrade U.S. Forces Japan into a joint
force headquarters, a change long discussed in both capitals.</p>
<p>Officials described the move as the most significant since the alliance began.</p>
<ul><li>Stronger crisis response.</li><li>More staff in Tokyo.</li></ul>
</section></body></html>"""

CHAPTER2 = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>ch2</title></head><body>
<p id="start">Missile co-production began with the AMRAAM, and the SM-6 may follow.</p>
<table><tr><th>Missile</th><th>Status</th></tr><tr><td>AMRAAM</td><td>agreed</td></tr></table>
<p>Factories in Japan would supply both countries.</p>
</body></html>"""


def make_epub(path: Path, *, encrypted: bool = False) -> Path:
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr("META-INF/container.xml", CONTAINER)
        book.writestr("OEBPS/content.opf", OPF)
        book.writestr("OEBPS/nav.xhtml", NAV)
        book.writestr("OEBPS/cover.xhtml", "<html><body><p>COVER</p></body></html>")
        book.writestr("OEBPS/text/chapter 1.xhtml", CHAPTER1)
        book.writestr("OEBPS/text/chapter2.xhtml", CHAPTER2)
        book.writestr("OEBPS/style.css", "p { margin: 0 }")
        if encrypted:
            book.writestr(
                "META-INF/encryption.xml",
                "<encryption><EncryptedData><EncryptionMethod Algorithm="
                '"http://www.w3.org/2001/04/xmlenc#aes128-cbc"/></EncryptedData></encryption>',
            )
    return path
