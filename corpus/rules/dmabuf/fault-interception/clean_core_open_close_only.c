/* vm_ops with only open/close: a refcount on the buffer, no fault handling. */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct core_buffer {
	struct kref ref;
	struct page **pages;
	unsigned long count;
};

static void core_vm_open(struct vm_area_struct *vma)
{
	struct core_buffer *b = vma->vm_private_data;

	kref_get(&b->ref);
}

static void core_vm_close(struct vm_area_struct *vma)
{
}

static const struct vm_operations_struct core_vm_ops = {
	.open = core_vm_open,
	.close = core_vm_close,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;

	vma->vm_private_data = b;
	vma->vm_ops = &core_vm_ops;
	return vm_map_pages(vma, b->pages, b->count);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
