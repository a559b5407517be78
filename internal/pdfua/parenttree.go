// SPDX-License-Identifier: MIT

package pdfua

import (
	"errors"
	"fmt"
	"maps"
	"slices"
)

// numberTree reads a number tree into a map from keys to values.
func (c *checker) numberTree(node map[string]any, out map[int]any, depth int) error {
	if depth > 32 {
		return errors.New("number tree nested too deeply")
	}
	if nums := c.d.get(node, "Nums"); nums != nil {
		items, ok := nums.([]any)
		if !ok {
			return fmt.Errorf("/Nums %s is not an array", show(nums))
		}
		for i := 0; i+1 < len(items); i += 2 {
			k, ok := c.d.integer(items[i])
			if !ok {
				return fmt.Errorf("number tree key %s", show(items[i]))
			}
			out[k] = items[i+1]
		}
	}
	if kids := c.d.get(node, "Kids"); kids != nil {
		items, ok := kids.([]any)
		if !ok {
			return fmt.Errorf("/Kids %s is not an array", show(kids))
		}
		for _, it := range items {
			if err := c.numberTree(c.d.dict(it), out, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkParentTree checks that the parent tree maps every MCID and every
// annotation to the element that lists it.
func (c *checker) checkParentTree(root map[string]any) {
	pt := c.d.dict(root["/ParentTree"])
	if pt == nil {
		c.problem("the structure tree has no /ParentTree")
		return
	}
	tree := map[int]any{}
	if err := c.numberTree(pt, tree, 0); err != nil {
		c.problem("parent tree: %v", err)
		return
	}
	maxKey := -1
	for k := range tree {
		maxKey = max(maxKey, k)
	}
	if next, ok := c.d.integer(root["/ParentTreeNextKey"]); ok && next <= maxKey {
		c.problem("/ParentTreeNextKey %d is not above the parent tree's keys (%d)", next, maxKey)
	}
	for pi := range c.d.pages {
		c.checkPageParents(pi, tree)
	}
	for _, an := range slices.Sorted(maps.Keys(c.objrs)) {
		owner := c.objrs[an]
		key, ok := c.d.integer(c.d.object(an)["/StructParent"])
		if !ok {
			c.problem("annotation %d has no /StructParent", an)
			continue
		}
		if n, ok := ref(tree[key]); !ok || n != owner {
			c.problem("annotation %d: the parent tree gives key %d to %s; element %d lists it", an, key, show(tree[key]), owner)
		}
	}
}

// checkPageParents checks the parent tree's array for a page's MCIDs.
func (c *checker) checkPageParents(pi int, tree map[int]any) {
	if len(c.mcids[pi]) == 0 {
		return
	}
	key, ok := c.d.integer(c.d.object(c.d.pages[pi])["/StructParents"])
	if !ok {
		c.problem("page %d has marked content but no /StructParents", pi+1)
		return
	}
	items, ok := c.d.resolve(tree[key]).([]any)
	if !ok {
		c.problem("page %d: the parent tree has no array for key %d", pi+1, key)
		return
	}
	for _, mcid := range slices.Sorted(maps.Keys(c.owner[pi])) {
		owner := c.owner[pi][mcid]
		if mcid >= len(items) {
			c.problem("page %d: the parent tree has no entry for MCID %d", pi+1, mcid)
			continue
		}
		if n, ok := ref(items[mcid]); !ok || n != owner {
			c.problem("page %d: the parent tree gives MCID %d to %s; element %d lists it", pi+1, mcid, show(items[mcid]), owner)
		}
	}
}

// checkAnnotations checks that every annotation is tagged and that pages
// with annotations set the tab order to the structure.
func (c *checker) checkAnnotations() {
	for pi, num := range c.d.pages {
		page := c.d.object(num)
		items := c.d.array(page["/Annots"])
		if items == nil && page["/Annots"] != nil {
			c.problem("page %d: /Annots %s is not an array", pi+1, show(page["/Annots"]))
		}
		if len(items) == 0 {
			continue
		}
		if c.d.name(page["/Tabs"]) != "S" {
			c.problem("page %d has annotations but no /Tabs /S", pi+1)
		}
		for k, it := range items {
			n, ok := ref(it)
			if !ok {
				c.problem("page %d: annotation %d is a direct object, so no structure element can refer to it", pi+1, k)
				continue
			}
			st := c.d.name(c.d.object(n)["/Subtype"])
			if st == "Popup" {
				continue
			}
			if _, ok := c.objrs[n]; !ok {
				c.problem("page %d: annotation %d (/%s) is in no structure element", pi+1, n, st)
			}
		}
	}
}
