// SPDX-License-Identifier: MIT

// Package pdfobj does for output what fpdf cannot: it reads the PDF that
// fpdf wrote (one classic cross-reference table, objects written as
// "N 0 obj ... endobj"), lets output replace and add objects and trailer
// entries, and writes the finished file once — every object that the
// catalog and the document information reach, once, the objects that are
// not streams packed into an object stream, streams deflated, and a
// cross-reference stream. Nothing superseded stays in the file.
//
// The syntax helpers (DictGet, DictSet, ArrayItems, ParseRef, …) work on
// raw object bytes: they understand dictionaries, arrays, literal and hex
// strings, names, numbers, keywords and references, enough to find and
// replace entries; they never modify their input.
//
// It imports no other package of the module, only the standard library;
// only output imports it.
package pdfobj
