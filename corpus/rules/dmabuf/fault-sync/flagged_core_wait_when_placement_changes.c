/*
 * A fault handler that moves the buffer where the CPU can see it; the move waits whenever the
 * placement changes, and again for a busy buffer leaving VRAM. Neither guard compares a field
 * with a named constant (the field with the new placement; a flag test; a parameter with a
 * constant), so both waits are reported.
 */
#include <linux/dma-buf.h>
#include <linux/dma-resv.h>
#include <linux/mm.h>

enum core_placement {
	CORE_PL_SYSTEM,
	CORE_PL_GTT,
	CORE_PL_VRAM,
};

struct core_buffer {
	struct dma_resv *resv;
	enum core_placement placement;
	unsigned long flags;
	struct page **pages;
	unsigned long count;
};

static int core_move(struct core_buffer *b, enum core_placement to)
{
	if (b->placement != to)
		dma_resv_wait_timeout(b->resv, DMA_RESV_USAGE_KERNEL, false, MAX_SCHEDULE_TIMEOUT); /* expect: dmabuf/fault-sync error */
	if (to != CORE_PL_VRAM && (b->flags & CORE_BO_BUSY))
		dma_resv_wait_timeout(b->resv, DMA_RESV_USAGE_WRITE, false, MAX_SCHEDULE_TIMEOUT); /* expect: dmabuf/fault-sync error */
	b->placement = to;
	return 0;
}

static vm_fault_t core_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	if (vmf->pgoff >= b->count)
		return VM_FAULT_SIGBUS;
	if (b->placement == CORE_PL_VRAM && core_move(b, CORE_PL_GTT))
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct core_vm_ops = {
	.fault = core_fault,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
