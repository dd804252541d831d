/*
 * The exporter's vm_ops table and vma helper share their names with another driver's, which
 * hook faults: a name resolves to the definition in the same file, then to the one in the
 * nearest directory.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct core_buffer {
	struct kref ref;
	struct page **pages;
	unsigned long count;
};

void core_setup_vma(struct vm_area_struct *vma, struct core_buffer *b);

static void core_vm_open(struct vm_area_struct *vma)
{
	struct core_buffer *b = vma->vm_private_data;

	kref_get(&b->ref);
}

const struct vm_operations_struct core_vm_ops = {
	.open = core_vm_open,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;

	core_setup_vma(vma, b);
	vma->vm_ops = &core_vm_ops;
	return vm_map_pages(vma, b->pages, b->count);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
