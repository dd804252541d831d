// SPDX-License-Identifier: GPL-2.0
/*
 * Toy user-memory buffer: pages handed out at fault time, bounded, on a VM_DONTEXPAND vma.
 * Fault-based, so it is noted for review, but it breaks no clause.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct toy_ubuf {
	struct page **pages;
	pgoff_t pagecount;
};

static vm_fault_t toy_ubuf_fault(struct vm_fault *vmf)
{
	struct toy_ubuf *ubuf = vmf->vma->vm_private_data;
	pgoff_t pgoff = vmf->pgoff;

	if (pgoff >= ubuf->pagecount)
		return VM_FAULT_SIGBUS;
	return vmf_insert_pfn(vmf->vma, vmf->address, page_to_pfn(ubuf->pages[pgoff]));
}

static const struct vm_operations_struct toy_ubuf_vm_ops = {
	.fault = toy_ubuf_fault,
};

static int toy_ubuf_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct toy_ubuf *ubuf = buf->priv;

	if ((vma->vm_flags & (VM_SHARED | VM_MAYSHARE)) == 0)
		return -EINVAL;
	vma->vm_ops = &toy_ubuf_vm_ops; /* expect[current]: dmabuf/fault-interception note */ /* expect[2012]: dmabuf/fault-interception warning */
	vma->vm_private_data = ubuf;
	vm_flags_set(vma, VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	return 0;
}

static const struct dma_buf_ops toy_ubuf_ops = { /* exporter: mmap=toy_ubuf_mmap begin=- end=- */
	.mmap = toy_ubuf_mmap,
};
