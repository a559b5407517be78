// SPDX-License-Identifier: MIT

package output

import (
	"bytes"
	"encoding/xml"

	"leaflet/layout"
)

// xmpMetadata returns the document's XMP metadata packet: title, author,
// subject and language in Dublin Core, the program, the dates of the
// document's info dictionary and the PDF/UA identification (pdfuaid:part 1,
// which PDF/UA-1 requires). It depends only on its arguments: the dates are
// opt.Date, never the clock, and are left out when it is zero.
func xmpMetadata(res *layout.Result, opt Options) []byte {
	esc := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s)) // writes to a bytes.Buffer do not fail
		return b.String()
	}
	var b bytes.Buffer
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n" +
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"<rdf:Description rdf:about=\"\"" +
		" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"" +
		" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"" +
		" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"" +
		" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n" +
		"<dc:format>application/pdf</dc:format>\n")
	alt := func(tag, v string) {
		if v != "" {
			b.WriteString("<dc:" + tag + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(v) + "</rdf:li></rdf:Alt></dc:" + tag + ">\n")
		}
	}
	alt("title", res.Title)
	if res.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + esc(res.Author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	alt("description", res.Subject)
	if res.Lang != "" {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>" + esc(res.Lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	if opt.Creator != "" {
		b.WriteString("<pdf:Producer>" + esc(opt.Creator) + "</pdf:Producer>\n")
		b.WriteString("<xmp:CreatorTool>" + esc(opt.Creator) + "</xmp:CreatorTool>\n")
	}
	if !opt.Date.IsZero() {
		d := opt.Date.Format("2006-01-02T15:04:05Z07:00")
		b.WriteString("<xmp:CreateDate>" + d + "</xmp:CreateDate>\n")
		b.WriteString("<xmp:ModifyDate>" + d + "</xmp:ModifyDate>\n")
		b.WriteString("<xmp:MetadataDate>" + d + "</xmp:MetadataDate>\n")
	}
	b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n" +
		"</rdf:Description>\n" +
		"</rdf:RDF>\n" +
		"</x:xmpmeta>\n" +
		"<?xpacket end=\"w\"?>")
	return b.Bytes()
}
