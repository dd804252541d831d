/*
 * Devices get a streaming mapping and no cpu-access hook maintains caches, but the fault handler
 * picks the page protection per fault from where the buffer sits (as TTM's ttm_io_prot() does):
 * the caching follows the buffer, which the rule cannot see, so it does not guess.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

struct core_buffer {
	struct sg_table sgt;
	void *placement;
	unsigned long pfn;
	unsigned long count;
};

pgprot_t ttm_io_prot(void *bo, void *res, pgprot_t prot);
vm_fault_t vmf_insert_pfn_prot(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn, pgprot_t prot);

static struct sg_table *core_map(struct dma_buf_attachment *attach, enum dma_data_direction dir)
{
	struct core_buffer *b = attach->dmabuf->priv;

	if (dma_map_sgtable(attach->dev, &b->sgt, dir, 0))
		return ERR_PTR(-ENOMEM);
	return &b->sgt;
}

static vm_fault_t core_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;
	pgprot_t prot;

	if (vmf->pgoff >= b->count)
		return VM_FAULT_SIGBUS;
	prot = ttm_io_prot(b, b->placement, vmf->vma->vm_page_prot);
	return vmf_insert_pfn_prot(vmf->vma, vmf->address, b->pfn + vmf->pgoff, prot);
}

static const struct vm_operations_struct core_vm_ops = {
	.fault = core_fault,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND | VM_PFNMAP);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.map_dma_buf = core_map,
	.mmap = core_mmap,
};
