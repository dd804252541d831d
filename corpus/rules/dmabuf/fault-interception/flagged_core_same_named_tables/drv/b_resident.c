/* The other exporter (see a_faulting.c): its core_vm_ops only counts references; pages are mapped at mmap time. */
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

static const struct vm_operations_struct core_vm_ops = {
	.open = core_vm_open,
};

static int core_resident_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;

	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_private_data = b;
	vma->vm_ops = &core_vm_ops;
	return vm_map_pages(vma, b->pages, b->count);
}

static const struct dma_buf_ops core_resident_ops = {
	.mmap = core_resident_mmap,
};
